module github.com/wincgo/wincgo

go 1.26.0

toolchain go1.26.8

require (
	github.com/Microsoft/go-winio v0.6.4
	github.com/google/go-cmp v0.7.0
	github.com/stretchr/testify v1.12.1
	golang.org/x/sys v0.50.0
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
