FROM maven:3.9-eclipse-temurin-21 AS env
ENV APP=/build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ ./.mvn/
RUN $APP/mvnw -B dependency:go-offline
COPY . .
RUN $APP/mvnw -B package -DskipTests

FROM maven:3.9-eclipse-temurin-21 AS arg
ARG APP=/build
WORKDIR /build
COPY . .
RUN $APP/mvnw -B package -DskipTests
