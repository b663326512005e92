FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /workspace/app
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B dependency:go-offline
COPY src src
RUN ./mvnw -B package -DskipTests
