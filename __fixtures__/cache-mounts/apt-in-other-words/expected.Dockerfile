# apt inside another command's words gets no mount: the lineage's apt RUNs get none either
FROM debian:12 AS su
RUN apt-get update && apt-get install -y git
RUN su -c "apt-get update && apt-get install -y vim"

FROM debian:12 AS nice
RUN apt-get update && apt-get install -y git
RUN nice -n 5 sh -c 'apt-get update && apt-get install -y vim'

FROM debian:12 AS find-exec
RUN apt-get update && apt-get install -y git
RUN apt-get update && find /debs -name '*.list' -exec apt-get install -y {} \;

# a shell script the analysis takes apart is read as any other: mounts
FROM debian:12 AS parsed
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y git
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked sh -c 'apt-get update && apt-get install -y vim'

# apt's folders in other words are no apt runs
FROM debian:12 AS paths
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y git
RUN --mount=type=cache,target=/root/.cache/pip cp /etc/apt/sources.list /tmp/install && rm -rf /var/lib/apt/lists/* && pip install flask
