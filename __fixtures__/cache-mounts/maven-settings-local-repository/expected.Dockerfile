# <localRepository> in Maven's settings (the user's, the one -s names, the global one)
# moves the local repository: the mount follows it.
FROM maven:3.9-eclipse-temurin-21 AS user-settings
COPY ci/settings.xml /root/.m2/settings.xml
WORKDIR /app
COPY pom.xml .
RUN --mount=type=cache,target=/root/m2-cache,sharing=locked mvn -B dependency:go-offline

FROM maven:3.9-eclipse-temurin-21 AS settings-option
WORKDIR /app
COPY ci/ ci/
COPY pom.xml .
RUN --mount=type=cache,target=/opt/maven-repo,sharing=locked mvn -B -s ci/global.xml dependency:go-offline

FROM maven:3.9-eclipse-temurin-21 AS global-settings
COPY ci/global.xml /usr/share/maven/conf/settings.xml
WORKDIR /app
COPY pom.xml .
RUN --mount=type=cache,target=/opt/maven-repo,sharing=locked mvn -B dependency:go-offline
