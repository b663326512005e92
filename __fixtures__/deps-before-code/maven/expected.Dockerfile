FROM maven:3.9-eclipse-temurin-21
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ ./.mvn/
RUN ./mvnw -B dependency:go-offline
COPY . .
RUN ./mvnw -B package -DskipTests
