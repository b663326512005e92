FROM maven:3.9.8-eclipse-temurin-17 AS build
WORKDIR /workspace/app
COPY pom.xml ./
COPY .mvn/jvm.config .mvn/
RUN mvn -B dependency:go-offline
COPY src src
RUN mvn -B package -DskipTests
