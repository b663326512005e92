/**
 * Build-stamp ARGs on a real BuildKit: CI builds with a new `--build-arg VERSION=…` each time, and a RUN
 * sees every ARG declared before it, so an install below `ARG VERSION` runs again on every build. cachify
 * puts the dependency-only step above the ARG (deps-before-code); this checks, with BuildKit's own output,
 * that a new VERSION then re-runs the build but not the module download, and that the binary still gets
 * the version (the ARG still reaches the build).
 */
import * as fs from 'fs';
import * as path from 'path';
import { dockerBuild, findStep, FreshBuilds, REPO_ROOT, runImage, Workspace } from './harness';
import { describeWithDocker } from './jest-docker';
import { rewriteWithCachify } from './projects';

jest.setTimeout(15 * 60_000);

const ORIGINAL = `FROM golang:1.19 AS build
WORKDIR /src
COPY . .
ARG VERSION=dev
RUN go mod download && go build -ldflags "-X main.version=\${VERSION}" -o /out/hello .

FROM debian:bookworm-slim
COPY --from=build /out/hello /usr/local/bin/hello
CMD ["hello"]
`;

const EXPECTED = `FROM golang:1.19 AS build
WORKDIR /src
COPY go.mod .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -ldflags "-X main.version=\${VERSION}" -o /out/hello .

FROM debian:bookworm-slim
COPY --from=build /out/hello /usr/local/bin/hello
CMD ["hello"]
`;

const MAIN = `package main

import "fmt"

var version = "none"

func main() {
	fmt.Println("version", version)
}
`;

describeWithDocker('build-stamp ARGs', () => {
  test('a new VERSION re-runs the build, not the module download, and the image has it', async () => {
    const ws = new Workspace('stamps');
    const fresh = new FreshBuilds(ws, 'stamps');
    try {
      const dir = ws.copyProject(path.join(REPO_ROOT, '__fixtures__/projects/go'), ['expected.Dockerfile']);
      fs.rmSync(path.join(dir, 'greet'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'main.go'), MAIN);
      fs.writeFileSync(path.join(dir, 'Dockerfile'), ORIGINAL);
      await rewriteWithCachify(dir);
      const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      expect(text).toBe(EXPECTED);

      const options = await fresh.optionsFor(text);
      const build = (version: string) =>
        dockerBuild({
          dir,
          tag: ws.tag(`v-${version}`),
          ...options,
          buildArgs: { ...options.buildArgs, VERSION: version },
        });
      const first = await build('1.0.0');
      expect(findStep(first.steps, /go mod download/).cached).toBe(false);
      const second = await build('1.0.1');
      expect(findStep(second.steps, /go mod download/).cached).toBe(true);
      expect(findStep(second.steps, /go build/).cached).toBe(false);
      expect(await runImage(second.tag)).toBe('version 1.0.1\n');
    } finally {
      await fresh.dispose();
      await ws.cleanup();
    }
  });
});
