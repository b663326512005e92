FROM mcr.microsoft.com/dotnet/sdk:8.0
USER app
WORKDIR /home/app/src
RUN --mount=type=cache,target=/home/app/.nuget/packages,sharing=locked,uid=1654,gid=1654 dotnet restore
