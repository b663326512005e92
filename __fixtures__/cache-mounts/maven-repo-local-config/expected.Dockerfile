# -Dmaven.repo.local in the project's .mvn/maven.config or .mvn/jvm.config moves Maven's
# local repository: the mount follows it.
FROM maven:3.9-eclipse-temurin-21 AS whole
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/cache/m2,sharing=locked mvn package

FROM maven:3.9-eclipse-temurin-21 AS folder
WORKDIR /app
COPY pom.xml .
COPY .mvn .mvn
RUN --mount=type=cache,target=/cache/m2,sharing=locked mvn dependency:go-offline

FROM maven:3.9-eclipse-temurin-21 AS jvm-config
WORKDIR /srv/svc
COPY svc/ .
RUN --mount=type=cache,target=/srv/m2repo,sharing=locked mvn -B package

FROM maven:3.9-eclipse-temurin-21 AS command-line-wins
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/build/repo,sharing=locked mvn -Dmaven.repo.local=/build/repo package
