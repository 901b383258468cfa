package org.leadrelay.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The command behind {@code ./leadrelay}.
 *
 * <pre>
 * up [--reset] [--data-dir=DIR] [--port-offset=N] [--home=DIR] [--demo-partner=accept|decline|silent]
 *                                                                 start everything; Ctrl-C stops it
 * demo [--count=N] [--pause-ms=MS] [--data-dir=DIR]               post sample leads to a running stack
 * reset [--data-dir=DIR]                                          delete the data of a stopped stack
 * </pre>
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) {
        PrintStream console = System.out;
        Options options = Options.parse(args);
        // the broker and the database log through slf4j-simple: warnings, to the launcher's own log file
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.logFile",
                new DataDirectory(options.dataDir()).logs().resolve("launcher.log").toString());
        try {
            switch (options.command()) {
                case "up" -> up(options, console);
                case "demo" -> DemoLeads.post(StackFile.read(new DataDirectory(options.dataDir()).stackFile()),
                        options.intValue("count", 20), Duration.ofMillis(options.intValue("pause-ms", 500)), console);
                case "reset" -> reset(options, console);
                case "help", "--help", "-h" -> console.println(USAGE);
                default -> throw new StackException("unknown command " + options.command() + "\n" + USAGE);
            }
        } catch (StackException e) {
            System.err.println("leadrelay: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void up(Options options, PrintStream console) {
        StackSettings settings = new StackSettings(options.dataDir(), Path.of(options.value("home", ".")),
                options.intValue("port-offset", 0), options.flag("reset"), demoPartnerMode(options.value("demo-partner", "accept")));
        Stack stack = new Stack(settings, console);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.println("Stopping Lead Relay ...");
            stack.close();
            console.println("Stopped.");
            stopped.countDown();
        }, "leadrelay-stop"));
        try {
            stack.start();
        } catch (StackException e) {
            System.err.println("leadrelay: " + e.getMessage());
            System.exit(2); // runs the shutdown hook, which stops whatever had started
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DemoPartner.Mode demoPartnerMode(String value) {
        try {
            return DemoPartner.Mode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StackException("--demo-partner must be accept, decline or silent, not " + value);
        }
    }

    private static void reset(Options options, PrintStream console) {
        DataDirectory data = new DataDirectory(options.dataDir());
        data.lock();
        try {
            data.wipe();
            console.println("Deleted everything under " + data.root());
        } finally {
            data.unlock();
        }
    }

    private static final String USAGE = """
            usage: ./leadrelay [up] [--reset] [--data-dir=DIR] [--port-offset=N] [--demo-partner=accept|decline|silent]
                   ./leadrelay demo [--count=N] [--pause-ms=MS]
                   ./leadrelay reset
              up     start Kafka, the database, the mail catcher, the demo partner and the five services; Ctrl-C stops all
              demo   post sample leads (some that no partner can serve) to the running stack
              reset  delete the data directory of a stopped stack""";
}
