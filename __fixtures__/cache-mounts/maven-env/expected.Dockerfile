FROM maven:3.9
ENV MAVEN_OPTS="-Xmx1g -Dmaven.repo.local=/cache/m2"
RUN --mount=type=cache,target=/cache/m2,sharing=locked mvn -B verify
