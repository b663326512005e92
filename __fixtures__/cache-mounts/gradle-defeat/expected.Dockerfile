FROM gradle:8.10-jdk21
RUN --mount=type=cache,target=/root/.gradle/caches,sharing=locked gradle build --no-daemon
