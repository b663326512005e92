FROM mcr.microsoft.com/dotnet/sdk:8.0
ENV NUGET_PACKAGES=/nuget/packages
RUN --mount=type=cache,target=/nuget/packages,sharing=locked dotnet build -c Release
