// Command ferretdb runs an embedded FerretDB v1 (a MongoDB-wire-compatible
// server) for local development and tests. `go install` of FerretDB's own
// command panics at start because build/version/version.txt is missing from
// the module zip (FerretDB issues #2982 and #4889), so we embed the library.
//
// Usage: ferretdb -listen 127.0.0.1:27017 -sqlite-dir ./.data/ferretdb
//
//	ferretdb -listen 127.0.0.1:27017 -postgresql-url postgres://127.0.0.1:5432/ferretdb
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	sqliteDir := flag.String("sqlite-dir", "", "directory for the SQLite backend")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL (instead of SQLite)")
	flag.Parse()

	cfg := &ferretdb.Config{Listener: ferretdb.ListenerConfig{TCP: *listen}}
	switch {
	case *postgresURL != "":
		cfg.Handler = "postgresql"
		cfg.PostgreSQLURL = *postgresURL
	case *sqliteDir != "":
		dir, err := filepath.Abs(*sqliteDir)
		if err != nil {
			log.Fatalf("ferretdb: bad -sqlite-dir: %v", err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			log.Fatalf("ferretdb: cannot create %s: %v", dir, err)
		}
		cfg.Handler = "sqlite"
		cfg.SQLiteURL = "file:" + strings.TrimSuffix(dir, "/") + "/"
	default:
		log.Fatal("ferretdb: give -sqlite-dir or -postgresql-url")
	}

	db, err := ferretdb.New(cfg)
	if err != nil {
		log.Fatalf("ferretdb: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	fmt.Printf("ferretdb listening on %s (%s backend)\n", *listen, cfg.Handler)
	if err := db.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatalf("ferretdb: %v", err)
	}
}
