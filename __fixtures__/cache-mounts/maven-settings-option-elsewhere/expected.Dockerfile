# Maven also takes -s/-gs from .mvn/maven.config and MAVEN_ARGS, relative to a folder the
# tool does not work out: the settings file they name (and its <localRepository>) is not
# known, so Maven's repository gets no mount.
FROM maven:3.9-eclipse-temurin-21 AS maven-config-gives-settings
WORKDIR /app
COPY web/ .
RUN mvn package

FROM maven:3.9-eclipse-temurin-21 AS maven-args-gives-settings
ENV MAVEN_ARGS="-gs /etc/ci/settings.xml"
WORKDIR /app
COPY api/ .
RUN mvn package

FROM maven:3.9-eclipse-temurin-21 AS neither
WORKDIR /app
COPY api/ .
RUN --mount=type=cache,target=/root/.m2/repository,sharing=locked mvn package
