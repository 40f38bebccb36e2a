// Command bench measures the provider with the real Terraform CLI and puts
// the figures in BENCHMARKS.md; `make bench` runs it from the repository's
// root.
//
// Each case runs beside its floor, in one run, with the same Terraform
// binary, a few times (the report gives medians):
//
//  1. apply of N amazonmusic_library_track against N terraform_data (no
//     provider at all): the ratio of the times, and the provider
//     processes' share of the CPU time of the whole command, beside the
//     share of the framework floor provider (see frameworkfloor);
//  2. the no-op plan after that apply, the same figures, and that it sends
//     no PUT and no DELETE;
//  3. the amazonmusic_playlists data source over 1,000 playlists, then P:
//     the requests (exactly the pages needed), the time, and the provider's
//     peak memory;
//  4. apply of tracks against an API throttled to R requests a second, with
//     and without the provider's max_requests_per_second;
//  5. apply of tracks against an API with latency, as separate resources
//     and as one amazonmusic_library_tracks resource (at the default
//     max_concurrency and a wider one), beside one terraform_data holding
//     the same ids;
//  6. one amazonmusic_library_tracks holding L ids in track_id_map, then
//     2L, beside terraform_data holding them: apply, no-op plan and import
//     of the whole library;
//  7. unfinished runs: one amazonmusic_library_tracks of U ids applied
//     against an API with latency and stopped once a fifth are saved, by
//     Ctrl-C (SIGINT to Terraform's process group), then by the API going
//     away: the time from each to Terraform's exit, that the state records
//     every track saved, and that the next apply after Ctrl-C saves exactly
//     the tracks missing and removes none.
//
// The emulator runs inside the harness on a loopback port, so the harness
// reads its request counts directly and fails when one is wrong; times are
// only reported. Terraform finds the provider through a dev_overrides CLI
// configuration of the harness's own, in a directory that holds a copy of
// the harness named like the provider: started so, it runs the real
// provider as its child and records the child's CPU time and peak memory
// (see wrapper.go). Everything happens in a temporary directory, removed on
// exit, and no process outlives the harness.
//
// Then it runs the Go micro-benchmarks of the client and the provider
// (go test -bench -benchmem) and adds them to the report. BENCH_QUICK=1 runs
// small sizes once, as a smoke test; see settings.go for the other
// variables and the flags.
package main
