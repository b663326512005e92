FROM gradle:8.10-jdk21
USER gradle
RUN --mount=type=cache,target=/home/gradle/.gradle/caches,sharing=locked,uid=1000,gid=1000 gradle assemble
