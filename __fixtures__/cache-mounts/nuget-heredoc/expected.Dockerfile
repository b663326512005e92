FROM mcr.microsoft.com/dotnet/sdk:8.0
RUN --mount=type=cache,target=/root/.nuget/packages,sharing=locked <<EOF
dotnet restore
dotnet test --no-restore
EOF
