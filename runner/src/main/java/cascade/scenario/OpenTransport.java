package cascade.scenario;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The cluster's transport (Akka Artery over TCP, as the lab configures it) has neither
 * authentication nor encryption: whoever reaches a node's port can join the cluster or send its
 * actors messages. On a loopback address that is this machine only; on any other address it is
 * worth a warning, not an error, because spanning machines on a network you trust is a use the lab
 * supports.
 */
public final class OpenTransport {

  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

  private OpenTransport() {}

  /**
   * Whether {@code host} reaches this machine only: {@code localhost}, 127.0.0.0/8 or ::1. Any
   * other name counts as reachable from elsewhere and is not looked up: a name is given to be
   * found by other machines, and a lookup would make validating a file wait on the network.
   */
  public static boolean isLoopback(String host) {
    String h = host.strip();
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!IPV4.matcher(h).matches() && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress(); // an address literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * One line for standard error. {@code where} says who chose the address ("file:line", "--set
   * ...", "cascade"), {@code setting} how ("cluster.host = 0.0.0.0", "--host 0.0.0.0").
   */
  public static String warning(String where, String setting) {
    return where + ": warning: " + setting + " is not a loopback address: the cluster transport is neither authenticated nor encrypted, "
        + "so anyone who can reach its port can join the cluster or send messages to its actors";
  }
}
