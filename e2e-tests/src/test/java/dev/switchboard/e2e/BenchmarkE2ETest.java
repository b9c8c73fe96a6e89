package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.model.json.Json;

/**
 * {@code scripts/bench --quick --skip-peers}, as an operator would run it: the benchmark must keep working as the
 * services change. Its numbers are not asserted (a quick run on a busy CI machine proves nothing about speed), but
 * every measurement must have run without errors, every request must have left its usage row, and the benchmark must
 * stop everything it started.
 */
class BenchmarkE2ETest {

    private static final long TIMEOUT_MINUTES = 12;
    /** Away from the developer's own benchmark runs (18080) and scripts/up (8080). */
    private static final int PORT_BASE = 28080;
    private static final List<String> TARGETS = List.of("direct", "nginx", "suite");
    private static final List<String> MEASUREMENTS = List.of("throughput", "latency_1conn", "latency_1conn_probe",
            "open_loop", "ttfb");

    private final Path root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();

    @Test
    void aQuickRunMeasuresEveryTargetWithoutErrorsAndStopsWhatItStarted() throws Exception {
        Path reports = root.resolve("target/bench");
        Set<Path> before = listReports(reports);
        Path log = root.resolve("e2e-tests/target/bench-quick.log");
        Files.createDirectories(log.getParent());

        ProcessBuilder bench = new ProcessBuilder("bash", "scripts/bench", "--quick", "--skip-peers")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        bench.environment().put("SB_BENCH_PORT_BASE", Integer.toString(PORT_BASE));
        bench.environment().remove("SWITCHBOARD_BACKGROUND_NICE"); // the default, as shipped
        Process process = bench.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            fail("scripts/bench --quick did not finish in %d minutes; output in %s", TIMEOUT_MINUTES, log);
        }
        assertThat(process.exitValue()).as("scripts/bench exit status; its output:\n%s", tail(log)).isZero();

        List<Path> written = new ArrayList<>(listReports(reports));
        written.removeAll(before);
        assertThat(written).as("one new report directory under %s", reports).hasSize(1);
        Path dir = written.get(0);
        JsonNode report = Json.MAPPER.readTree(dir.resolve("report.json").toFile());

        assertThat(report.at("/run/quick").asBoolean()).isTrue();
        // the machine settings that move the floor are recorded with every run
        assertThat(report.at("/run/machine/cpu_idle").isTextual()).as("CPU idle driver recorded").isTrue();
        assertThat(report.at("/run/machine/tcp_congestion_control").textValue()).as("TCP congestion control")
                .isNotBlank();
        assertThat(report.at("/run/machine/sched_autogroup").textValue()).as("scheduler autogroups")
                .isIn("on", "off", "unavailable");
        // usage-service ran below the request path's priority, at the default niceness scripts/up gives it too (read
        // from the running process by the benchmark)
        assertThat(report.at("/run/options/background_services/services").toString()).contains("usage-service");
        assertThat(report.at("/run/options/background_services/nice").asInt())
                .as("usage-service's niceness").isEqualTo(19);
        for (String target : TARGETS) {
            JsonNode measured = report.path("targets").path(target);
            for (String measurement : MEASUREMENTS) {
                assertThat(measured.path(measurement).path("errors").isInt())
                        .as("%s %s has an error count", target, measurement).isTrue();
                assertThat(measured.path(measurement).path("errors").asInt())
                        .as("%s %s errors", target, measurement).isZero();
            }
            assertThat(measured.at("/throughput/requests").asLong()).as("%s requests", target).isPositive();
            assertThat(measured.at("/latency_1conn/p50_us/median").asLong()).as("%s p50", target).isPositive();
            assertThat(measured.at("/latency_1conn_probe/p50_us/median").asLong()).as("%s p50, blocking client", target)
                    .isPositive();
        }

        JsonNode usage = report.path("usage");
        assertThat(usage.at("/during_load/requests").asLong()).isPositive();
        assertThat(usage.at("/during_load/missing_rows").asLong()).as("requests without a usage row").isZero();
        // the throughput target counts a run until its last row was stored: never more than the rate served
        long servedAndStored = usage.at("/during_load/served_and_stored_per_s/median").asLong();
        assertThat(servedAndStored).as("requests served and stored per second").isPositive()
                .isLessThanOrEqualTo(report.at("/targets/suite/throughput/rps/max").asLong());
        // the rows above are counted by the benchmark's trigger: it must agree with the table
        assertThat(usage.at("/row_counter/counted").asLong()).as("rows counted by the trigger").isPositive()
                .isEqualTo(usage.at("/row_counter/actual").asLong());
        for (String phase : List.of("sustained", "burst")) {
            assertThat(usage.at("/" + phase + "/failed").asLong()).as("%s events not acknowledged", phase).isZero();
            assertThat(usage.at("/" + phase + "/stored").asLong()).as("%s events stored", phase)
                    .isEqualTo(usage.at("/" + phase + "/acked").asLong())
                    .isPositive();
        }
        for (String service : List.of("gateway-service", "routing-service", "usage-service")) {
            assertThat(report.at("/rss/" + service + "/peak_kib").asLong()).as("%s peak RSS", service).isPositive();
        }

        List<String> checks = new ArrayList<>();
        report.path("checks").forEach(check -> {
            assertThat(check.path("status").asText()).as(check.path("name").asText()).isIn("PASS", "FAIL", "n/a");
            checks.add(check.path("name").asText());
        });
        assertThat(checks).hasSize(8).anyMatch(name -> name.startsWith("Max throughput"))
                .anyMatch(name -> name.startsWith("Usage pipeline"));
        String markdown = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertThat(markdown).contains("## Targets", "## Results", "--quick run");

        for (int offset : new int[]{0, 1, 2, 10, 11}) {
            assertThat(Infrastructure.reachable(PORT_BASE + offset))
                    .as("port %d after the benchmark", PORT_BASE + offset)
                    .isFalse();
        }
    }

    private static Set<Path> listReports(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return Set.of();
        }
        try (Stream<Path> dirs = Files.list(reports)) {
            // one directory per run; "latest" is a link to the newest
            return dirs.filter(dir -> Files.isDirectory(dir) && !Files.isSymbolicLink(dir)).collect(Collectors.toSet());
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
