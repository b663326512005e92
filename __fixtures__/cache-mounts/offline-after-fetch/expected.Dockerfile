# A command that downloads nothing (-o, --offline, --no-restore) uses what an earlier RUN
# left in the cache folder: mounted, that would be gone once BuildKit empties the mount
# while it keeps the earlier layer. In the same RUN as the fetch it is fine.
FROM maven:3.9 AS maven-go-offline-then-offline-package
WORKDIR /app
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src src
RUN mvn -B -o package -DskipTests

FROM rust:1.80 AS cargo-fetch-then-offline-build
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN cargo fetch
COPY src src
RUN cargo build --release --offline

FROM maven:3.9 AS maven-fetch-and-offline-in-one-run
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.m2/repository,sharing=locked mvn -B dependency:go-offline && mvn -B -o package -DskipTests

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet-no-restore-mounted
WORKDIR /src
COPY *.csproj .
RUN --mount=type=cache,target=/root/.nuget/packages,sharing=locked dotnet restore
COPY . .
RUN --mount=type=cache,target=/root/.nuget/packages,sharing=locked dotnet publish -c Release -o /app

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet-no-restore-not-mountable
WORKDIR /src
COPY *.csproj .
RUN dotnet restore --packages /src/packages
COPY . .
RUN dotnet publish -c Release -o /app --no-restore --packages /src/packages && dotnet tool install --global dotnet-counters
