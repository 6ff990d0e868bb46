// Command record-service stands in for the shared hospital record system: a Go gRPC service
// instrumented with plain OpenTelemetry (otelgrpc's server stats handler, the Go SDK, OTLP/HTTP to
// a Collector), knowing nothing of Hartslag. It serves the standard gRPC health API, where asking
// for the service "broken" fails with UNAVAILABLE, calls itself in batches of `-ok` good and
// `-unavailable` failing calls, and flushes its metrics after each batch, so every export holds
// whole batches. Hartslag's `type: otel` SLI is tested against what the Collector makes of this.
package main

import (
	"context"
	"flag"
	"log"
	"net"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetrichttp"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/resource"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

type health struct {
	grpc_health_v1.UnimplementedHealthServer
}

func (health) Check(_ context.Context, req *grpc_health_v1.HealthCheckRequest) (*grpc_health_v1.HealthCheckResponse, error) {
	if req.GetService() == "broken" {
		return nil, status.Error(codes.Unavailable, "record store unreachable")
	}
	return &grpc_health_v1.HealthCheckResponse{Status: grpc_health_v1.HealthCheckResponse_SERVING}, nil
}

func main() {
	otlp := flag.String("otlp", "", "OTLP/HTTP metrics URL, e.g. http://127.0.0.1:4318/v1/metrics")
	batches := flag.Int("batches", 5, "batches of calls, each followed by an export")
	ok := flag.Int("ok", 9, "good calls per batch")
	unavailable := flag.Int("unavailable", 1, "UNAVAILABLE calls per batch")
	flag.Parse()
	ctx := context.Background()

	exporter, err := otlpmetrichttp.New(ctx, otlpmetrichttp.WithEndpointURL(*otlp))
	if err != nil {
		log.Fatal(err)
	}
	res := resource.NewSchemaless(
		attribute.String("service.namespace", "records"),
		attribute.String("service.name", "record-api"),
		attribute.String("service.instance.id", "record-api-1"),
	)
	// A long interval: the batches flush explicitly.
	reader := sdkmetric.NewPeriodicReader(exporter, sdkmetric.WithInterval(time.Hour))
	provider := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader), sdkmetric.WithResource(res))

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	server := grpc.NewServer(grpc.StatsHandler(otelgrpc.NewServerHandler(otelgrpc.WithMeterProvider(provider))))
	grpc_health_v1.RegisterHealthServer(server, health{})
	go func() { _ = server.Serve(listener) }()

	conn, err := grpc.NewClient(listener.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		log.Fatal(err)
	}
	client := grpc_health_v1.NewHealthClient(conn)
	for b := 0; b < *batches; b++ {
		for i := 0; i < *ok; i++ {
			if _, err := client.Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: "records"}); err != nil {
				log.Fatal(err)
			}
		}
		for i := 0; i < *unavailable; i++ {
			if _, err := client.Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: "broken"}); status.Code(err) != codes.Unavailable {
				log.Fatalf("want UNAVAILABLE, got %v", err)
			}
		}
		// The server records a call's duration after the client has its answer: stop the
		// server's side from lagging behind the batch before exporting it.
		time.Sleep(50 * time.Millisecond)
		if err := provider.ForceFlush(ctx); err != nil {
			log.Fatal(err)
		}
		time.Sleep(400 * time.Millisecond)
	}
	_ = conn.Close()
	server.GracefulStop()
	if err := provider.Shutdown(ctx); err != nil {
		log.Fatal(err)
	}
}
