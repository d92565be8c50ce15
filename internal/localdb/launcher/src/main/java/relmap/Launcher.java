package relmap;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnector.KeepAliveRequestType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with only its Bolt connector, bound to loopback.
 *
 * <p>Usage: Launcher HOME PORT PAGECACHE_MB. The password arrives on the first line of standard
 * input so it never shows in the process arguments or environment. The launcher prints
 * "relmap-launcher: ready PORT" once Bolt accepts connections and shuts the database down
 * cleanly on SIGTERM or SIGINT, or when the file HOME/relmap-stop appears.
 */
public final class Launcher {
  /** How much of the transaction log is kept past what recovery needs. */
  static final String TX_LOG_RETENTION = "64M size";

  /** The file in HOME whose appearance asks the launcher to shut down. */
  static final String STOP_FILE = "relmap-stop";

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: Launcher HOME PORT PAGECACHE_MB (password on stdin)");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    long pageCacheMb = Long.parseLong(args[2]);
    String password;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      password = in.readLine();
    }
    if (password == null || password.length() < 8) {
      System.err.println("relmap-launcher: a password of at least 8 characters is required on stdin");
      System.exit(2);
    }
    Files.createDirectories(home.resolve("import"));

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
            // LOAD CSV reads only from here: the load benchmark's reference loader.
            .setConfig(GraphDatabaseSettings.load_csv_file_url_root, home.resolve("import"))
            // ... and from nowhere else: LOAD CSV FROM 'http://…' (or https, ftp) is refused
            // for every address, so a statement cannot make the database fetch a URL.
            .setConfig(
                GraphDatabaseInternalSettings.cypher_ip_blocklist,
                List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
            // No keep-alive NOOPs, hence no connection.recv_timeout_seconds hint in HELLO: the
            // Go driver then reads records straight from the socket instead of arming a timer
            // and a goroutine for every read, which made streaming a large result 3x slower.
            .setConfig(BoltConnector.connection_keep_alive_type, KeepAliveRequestType.OFF)
            // Transaction logs are kept only as far as recovery needs them: with Neo4j's default
            // (two days) every reload added its full size, and 70 reloads left 12 GB of logs.
            // Logs rotate at 32 MiB; a checkpoint follows within 30 s of any write (Community
            // checkpoints by time or transaction count only; an idle database skips them), and
            // rotated logs beyond 64 MiB are deleted at the checkpoint: at rest about 100 MiB.
            .setConfig(GraphDatabaseSettings.keep_logical_logs, TX_LOG_RETENTION)
            .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
            .setConfig(GraphDatabaseSettings.check_point_interval_time, Duration.ofSeconds(30))
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.err.println("relmap-launcher: shutting down");
                  dbms.shutdown();
                  stopped.countDown();
                }));

    // The generated password is set on every start, so a lost state file only needs a restart.
    try {
      dbms.database("system")
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
    } catch (RuntimeException e) {
      // Neo4j refuses to "change" a password to itself; that one is already in place.
      if (e.getMessage() == null || !e.getMessage().contains("cannot be the same")) {
        System.err.println("relmap-launcher: setting the password failed: " + e.getMessage());
        dbms.shutdown();
        System.exit(1);
      }
    }

    System.out.println("relmap-launcher: ready " + port);
    System.out.flush();
    // A stop request that works on every platform: relmap db stop creates this file (and on
    // Unix also sends SIGTERM). Exiting runs the shutdown hook above.
    Path stopFile = home.resolve(STOP_FILE);
    while (!stopped.await(250, TimeUnit.MILLISECONDS)) {
      if (Files.exists(stopFile)) {
        Files.deleteIfExists(stopFile);
        System.exit(0);
      }
    }
  }
}
