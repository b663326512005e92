FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /source
COPY Directory.Build.props nuget.config ./
COPY src/Api/Api.csproj ./src/Api/
COPY src/Core/Core.csproj ./src/Core/
RUN dotnet restore src/Api/Api.csproj -r linux-x64
COPY . .
RUN dotnet publish src/Api/Api.csproj -c Release -r linux-x64 -o /app
