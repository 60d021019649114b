# A static armistice binary on a distroless base, running as a non-root user.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /armistice ./cmd/armistice

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /armistice /armistice
USER nonroot:nonroot
# The HTTP server's port. In sandbox mode (no Slack or Teams credentials) it
# listens on the loopback unless ARMISTICE_HTTP_ADDR=:8080 is set, as
# docker-compose.yml does, publishing it on the host's loopback.
EXPOSE 8080
ENTRYPOINT ["/armistice"]
CMD ["serve"]
