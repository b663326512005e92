# pom.xml is already copied on its own above the sources: the warm-up goes in between.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /app
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package -DskipTests

FROM eclipse-temurin:21-jre
COPY --from=build /app/target/app-1.0.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
