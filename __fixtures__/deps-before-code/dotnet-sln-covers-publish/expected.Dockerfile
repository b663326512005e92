FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /source
COPY Shop.sln Directory.Build.props Directory.Packages.props NuGet.config global.json ./
COPY src/Shop.Api/Shop.Api.csproj ./src/Shop.Api/
COPY src/Shop.Core/Shop.Core.csproj ./src/Shop.Core/
COPY tests/Shop.Tests/Shop.Tests.csproj ./tests/Shop.Tests/
RUN dotnet restore Shop.sln
COPY . .
RUN dotnet publish src/Shop.Api/Shop.Api.csproj -c Release -o /app --no-restore

# a runtime the solution's restore did not restore for: the publish's own restore stays
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS musl
WORKDIR /source
COPY Shop.sln Directory.Build.props Directory.Packages.props NuGet.config global.json ./
COPY src/Shop.Api/Shop.Api.csproj ./src/Shop.Api/
COPY src/Shop.Core/Shop.Core.csproj ./src/Shop.Core/
COPY tests/Shop.Tests/Shop.Tests.csproj ./tests/Shop.Tests/
RUN dotnet restore Shop.sln
RUN dotnet restore src/Shop.Api/Shop.Api.csproj -r linux-musl-x64
COPY . .
RUN dotnet publish src/Shop.Api/Shop.Api.csproj -c Release -r linux-musl-x64 -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["dotnet", "Shop.Api.dll"]
