package org.glassy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Manifest;
import org.glassy.sweep.Point;
import org.glassy.sweep.SweepDirectory;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command sweep's plan: which command, its fixed options, and how a point becomes the command's
 * arguments (the grid's {@code --NAME value} pairs, the point's {@code --out}, and side outputs such as
 * {@code --loss-out} moved into the sweep directory per point). Used alike by {@code sweep} (to
 * check every point before anything runs) and by {@code sweep-task} (to run one).
 */
final class SweepPlan {

    /** Commands that cannot be swept (they are the sweep's own). */
    private static final Set<String> NOT_SWEEPABLE = Set.of("sweep", "sweep-task", "collect", "sweep-status", "help");

    private final String command;
    private final List<String> fixed;

    SweepPlan(String command, List<String> fixed) {
        this.command = command;
        this.fixed = List.copyOf(fixed);
        if (NOT_SWEEPABLE.contains(command) || !Glassy.commandLine().getSubcommands().containsKey(command)) {
            Set<String> names = new LinkedHashSet<>(Glassy.commandLine().getSubcommands().keySet());
            names.removeAll(NOT_SWEEPABLE);
            throw new IllegalArgumentException("COMMAND must be one of " + names + ", got '" + command + "'");
        }
    }

    static SweepPlan of(Manifest.TaskSpec task) {
        if (!"command".equals(task.kind())) {
            throw new IllegalArgumentException("the sweep runs a library task (" + task.name() + "); open it with "
                    + "org.glassy.sweep.Sweep in Java or a notebook");
        }
        return new SweepPlan(task.name(), task.fixed());
    }

    String command() {
        return command;
    }

    List<String> fixed() {
        return fixed;
    }

    /** The command's option of that name ({@code temperature} → {@code --temperature}), or null. */
    OptionSpec option(String name) {
        return spec().findOption("--" + name);
    }

    private CommandLine.Model.CommandSpec spec() {
        return Glassy.commandLine().getSubcommands().get(command).getCommandSpec();
    }

    /** Whether an option takes a whole number (for rounding log ranges). */
    boolean integer(String name) {
        OptionSpec o = option(name);
        Class<?> type = o == null ? String.class : o.type();
        return type == int.class || type == long.class || type == Integer.class || type == Long.class;
    }

    /** Whether an option names a file the command writes (any Path-valued option). */
    private static boolean isOutput(OptionSpec o) {
        return o != null && o.type() == Path.class;
    }

    /** The axis of {@code --grid NAME=VALUES}, checked against the command and the fixed options. */
    Axis axis(String spec) {
        Axis axis = Axis.parse(spec, integer(spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : spec));
        OptionSpec o = option(axis.name());
        if (o == null) {
            throw new IllegalArgumentException("--grid " + axis.name() + ": " + command + " has no option --"
                    + axis.name());
        }
        if (o.arity().max() == 0) {
            throw new IllegalArgumentException("--grid " + axis.name() + ": --" + axis.name() + " is a flag, not a value");
        }
        if (isOutput(o)) {
            throw new IllegalArgumentException("--grid " + axis.name() + ": --" + axis.name()
                    + " names a file; a sweep writes each point's files itself");
        }
        for (String f : fixed) {
            if (f.equals("--" + axis.name()) || f.startsWith("--" + axis.name() + "=")) {
                throw new IllegalArgumentException("--grid " + axis.name() + ": --" + axis.name()
                        + " must not also be a fixed option");
            }
        }
        return axis;
    }

    /** The command's arguments for a point: fixed options (side outputs moved per point), the point's values, --out. */
    List<String> arguments(Point point, SweepDirectory directory, Path out) {
        List<String> args = new ArrayList<>();
        args.add(command);
        CommandLine.Model.CommandSpec spec = spec();
        for (int i = 0; i < fixed.size(); i++) {
            String a = fixed.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            OptionSpec o = a.startsWith("--") ? spec.findOption(name) : null;
            if (o != null && isOutput(o) && !name.equals("--out")) {
                Path side = directory.sideOutput(point, name.substring(2) + suffix(a.contains("=")
                        ? a.substring(a.indexOf('=') + 1) : i + 1 < fixed.size() ? fixed.get(i + 1) : ""));
                args.add(name);
                args.add(side.toString());
                if (!a.contains("=")) {
                    i++;
                }
                continue;
            }
            if (o != null && name.equals("--out")) {
                if (!a.contains("=")) {
                    i++;
                }
                continue;   // the sweep decides where a point's table goes
            }
            args.add(a);
        }
        for (Map.Entry<String, String> e : point.values().entrySet()) {
            args.add("--" + e.getKey());
            args.add(e.getValue());
        }
        args.add("--out");
        args.add(out.toString());
        return args;
    }

    /** The extension of a side output's file name (".csv" for loss.csv), so a point's file keeps its kind. */
    private static String suffix(String file) {
        String name = Path.of(file).getFileName() == null ? "" : Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }

    /**
     * Checks a point's arguments without running: the command's option parsing and, when the command
     * can check its values up front ({@link Validated}), that too.
     *
     * @return null if the point is valid, else the one-line message
     */
    String check(Point point, SweepDirectory directory, Path out) {
        List<String> args = arguments(point, directory, out);
        CommandLine cli = Glassy.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        CommandLine sub = cli.getSubcommands().get(command);
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            return e.getMessage().lines().findFirst().orElse(e.getMessage());
        }
        Object userObject = sub.getCommand();
        if (userObject instanceof Validated v) {
            try {
                v.validate();
            } catch (org.glassy.internal.InvalidParameterException e) {
                return Glassy.optionMessage(sub, e);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            } catch (Exception e) {
                return e.toString();
            }
        }
        return null;
    }

    /** The grid of the --grid specifications, first slowest. */
    Grid grid(List<String> specs) {
        List<Axis> axes = new ArrayList<>();
        for (String s : specs) {
            axes.add(axis(s));
        }
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("--grid must be given at least once, e.g. --grid seed=1..4");
        }
        return Grid.of(axes.toArray(Axis[]::new));
    }
}
