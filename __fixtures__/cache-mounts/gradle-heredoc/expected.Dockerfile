FROM eclipse-temurin:21-jdk
RUN --mount=type=cache,target=/root/.gradle/caches,sharing=locked --mount=type=cache,target=/root/.gradle/wrapper,sharing=locked <<EOF
./gradlew dependencies --no-daemon
./gradlew build --no-daemon
EOF
