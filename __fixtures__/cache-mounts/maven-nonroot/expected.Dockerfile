FROM eclipse-temurin:21-jdk
RUN useradd -m -u 1001 builder
USER builder
WORKDIR /home/builder/app
RUN --mount=type=cache,target=/home/builder/.m2/repository,sharing=locked,uid=1001 ./mvnw -B package
