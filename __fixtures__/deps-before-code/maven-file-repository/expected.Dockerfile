FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /app
COPY pom.xml .
COPY lib/ ./lib/
RUN mvn -B dependency:go-offline
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
COPY --from=build /app/target/app.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
