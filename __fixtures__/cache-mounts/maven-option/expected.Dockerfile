FROM maven:3.9
RUN --mount=type=cache,target=/build/repo,sharing=locked mvn -B -Dmaven.repo.local=/build/repo package
