FROM mcr.microsoft.com/dotnet/sdk:8.0
# `all` also empties NuGet's HTTP cache, which stays in the image: no mount
RUN dotnet restore && dotnet nuget locals all --clear
# only the global packages folder, the mount: it goes
RUN --mount=type=cache,target=/root/.nuget/packages,sharing=locked dotnet restore
# listing empties nothing
RUN --mount=type=cache,target=/root/.nuget/packages,sharing=locked dotnet restore && dotnet nuget locals all --list
