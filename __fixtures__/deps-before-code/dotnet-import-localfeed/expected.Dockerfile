FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /source
COPY Directory.Packages.props nuget.config ./
COPY build/common.props ./build/
COPY src/Api/Api.csproj ./src/Api/
COPY src/Core/Core.csproj ./src/Core/
COPY packages/ ./packages/
RUN dotnet restore src/Api/Api.csproj
COPY . .
RUN dotnet publish src/Api/Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["dotnet", "Api.dll"]
