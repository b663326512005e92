FROM eclipse-temurin:21-jdk AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.gradle/caches,sharing=locked --mount=type=cache,target=/root/.gradle/wrapper,sharing=locked ./gradlew bootJar --no-daemon
