package org.glassy.cli;

import static org.glassy.cli.CliRunner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgingCommandsTest {

    @Test
    void agingDnnWritesTwTDeltaAndTheLoss(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("msd.csv");
        Path loss = dir.resolve("loss.csv");
        StringWriter err = new StringWriter();
        int status = run(err, "aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "5", "--lr", "0.1",
                "--batch", "10", "--momentum", "0.5", "--steps", "100", "--seed", "1", "--waiting-times", "3",
                "--loss-out", loss.toString(), "--out", out.toString());
        assertEquals(0, status, err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("tw,t,delta", rows.get(0));
        assertTrue(rows.size() > 10);
        List<String> losses = Files.readAllLines(loss);
        assertEquals("step,loss", losses.get(0));
        assertTrue(losses.get(losses.size() - 1).startsWith("100,"));
    }

    @Test
    void pspinAgingWritesTwTCorrelationMsd(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("c.csv");
        StringWriter err = new StringWriter();
        int status = run(err, "pspin-aging", "--p", "3", "--n", "30", "--temperature", "0.5", "--dt", "0.1",
                "--time", "10", "--seed", "2", "--waiting-times", "3", "--out", out.toString());
        assertEquals(0, status, err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("tw,t,correlation,msd", rows.get(0));
        assertTrue(rows.get(1).startsWith("1,0.1,"), rows.get(1));
    }

    @Test
    void badArgumentsNameTheOption() {
        StringWriter err = new StringWriter();
        int status = run(err, "aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "5", "--lr", "0.1",
                "--batch", "10", "--momentum", "1.5", "--steps", "100", "--seed", "1");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("glassy aging-dnn: --momentum must lie in [0, 1)"), err.toString());
        err = new StringWriter();
        status = run(err, "aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "5", "--lr", "0.1",
                "--batch", "10", "--momentum", "0.5", "--steps", "100", "--seed", "1", "--waiting-times", "1");
        assertEquals(2, status);
        assertTrue(err.toString().contains("--waiting-times must be >= 2"), err.toString());
        err = new StringWriter();
        status = run(err, "pspin-aging", "--p", "3", "--n", "30", "--temperature", "0.5", "--dt", "0.1", "--time", "1",
                "--seed", "2");
        assertEquals(2, status);
        assertTrue(err.toString().contains("--time must be >= 4"), err.toString());
    }
}
