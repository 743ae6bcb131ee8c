# catalog in a container, for CI systems that run steps in one:
#
#   docker build -t catalog --build-arg VERSION=v0.1.0 \
#     --build-arg REVISION=$(git rev-parse HEAD) \
#     --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/catalog" catalog validate --strict
#
# The binary is built as `make dist` builds a release's: static, no cgo,
# -trimpath, no build ID, the version stamped (the .git folder is not sent
# to the builder: the build arguments carry what git would say). It runs
# on distroless/static, which holds no shell and no package manager, only
# CA certificates, time zones and the nonroot user (65532) it runs as.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=devel
ARG REVISION=
ARG MODIFIED=
ARG SOURCE_DATE_EPOCH=0
RUN DATE=$(date -u -d "@${SOURCE_DATE_EPOCH}" +%Y-%m-%dT%H:%M:%SZ) && \
    CGO_ENABLED=0 go build -trimpath -buildvcs=false -mod=readonly \
      -ldflags "-s -w -buildid= -X main.buildVersion=${VERSION} -X main.buildRevision=${REVISION} -X main.buildModified=${MODIFIED} -X main.buildDate=${DATE}" \
      -o /out/catalog ./cmd/catalog && \
    mkdir -p /out/licenses && \
    cp "$(go list -m -f '{{.Dir}}' github.com/go-fonts/liberation)/LICENSE-SIL" /out/licenses/Liberation-fonts-OFL-1.1.txt && \
    cp "$(go list -m -f '{{.Dir}}' golang.org/x/image)/LICENSE" /out/licenses/Go-fonts-BSD-3-Clause.txt

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/catalog /usr/local/bin/catalog
# The licences of the fonts the binary embeds (as a release archive has them).
COPY --from=build /out/licenses /usr/share/licenses/catalog
USER nonroot:nonroot
# The catalog repository is mounted here: catalog.yaml, practices/, …
WORKDIR /catalog
ENTRYPOINT ["catalog"]
CMD ["--help"]
