FROM maven:3.9
RUN --mount=type=cache,target=/root/.m2/repository,sharing=locked <<EOF
mvn -B dependency:go-offline
mvn -B -o package
EOF
