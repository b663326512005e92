FROM eclipse-temurin:21-jdk
ENV GRADLE_USER_HOME=/cache/gradle
RUN --mount=type=cache,target=/cache/gradle/caches,sharing=locked --mount=type=cache,target=/cache/gradle/wrapper,sharing=locked ./gradlew build -x test
