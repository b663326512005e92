FROM eclipse-temurin:21-jdk-jammy AS builder
WORKDIR /workspace/app
COPY gradlew settings.gradle build.gradle ./
COPY gradle gradle
RUN ./gradlew dependencies --no-daemon
COPY src src
RUN ./gradlew bootJar --no-daemon -x test
