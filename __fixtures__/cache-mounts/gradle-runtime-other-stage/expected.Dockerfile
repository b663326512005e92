FROM gradle:8.10-jdk21 AS build
RUN --mount=type=cache,target=/root/.gradle/caches,sharing=locked gradle bootJar --no-daemon

FROM gradle:8.10-jdk21 AS dev
CMD ["gradle", "bootRun"]
