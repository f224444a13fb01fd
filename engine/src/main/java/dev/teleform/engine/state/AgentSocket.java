package dev.teleform.engine.state;

import java.io.File;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * The way to {@code ssh-agent}: its Unix socket ({@code SSH_AUTH_SOCK}), spoken to with the JDK's own Unix domain
 * sockets. JGit's connector (org.eclipse.jgit.ssh.apache.agent) does the same through JNA, three more megabytes in the
 * release archive for what Java does natively since 16; and it is not published for every JGit release.
 */
final class AgentSocket implements ConnectorFactory {

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor() {
        @Override
        public String getIdentityAgent() {
            return "SSH_AUTH_SOCK";
        }

        @Override
        public String getDisplayName() {
            return "ssh-agent (SSH_AUTH_SOCK)";
        }
    };

    /** The agent's socket; empty where none is running, and then no key comes from an agent. */
    private final Optional<Path> socket;

    AgentSocket(Optional<Path> socket) {
        this.socket = socket;
    }

    /**
     * JGit asks with what {@code ~/.ssh/config} says ({@code IdentityAgent}); Teleform reads no ssh config, so it is
     * always the socket Teleform was given.
     */
    @Override
    public Connector create(String identityAgent, File homeDir) {
        return new UnixConnector(socket);
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public String getName() {
        return "teleform-unix-socket";
    }

    @Override
    public Collection<ConnectorDescriptor> getSupportedConnectors() {
        return List.of(DESCRIPTOR);
    }

    @Override
    public ConnectorDescriptor getDefaultConnector() {
        return DESCRIPTOR;
    }

    /** One conversation with the agent: requests and replies framed by their length, as the agent protocol says. */
    private static final class UnixConnector extends AbstractConnector {

        private final Optional<Path> socket;
        private SocketChannel channel;

        UnixConnector(Optional<Path> socket) {
            this.socket = socket;
        }

        @Override
        public synchronized boolean connect() throws IOException {
            if (channel != null) {
                return true;
            }
            if (socket.isEmpty()) {
                return false;
            }
            try {
                channel = SocketChannel.open(UnixDomainSocketAddress.of(socket.get()));
            } catch (IOException e) {
                throw new IOException("cannot reach ssh-agent at " + socket.get() + " (SSH_AUTH_SOCK): " + e.getMessage(),
                        e);
            }
            return true;
        }

        @Override
        public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
            if (channel == null) {
                throw new IOException("not connected to ssh-agent");
            }
            prepareMessage(command, message);
            ByteBuffer out = ByteBuffer.wrap(message);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            byte[] length = new byte[4];
            readFully(ByteBuffer.wrap(length));
            byte[] reply = new byte[toLength(command, length)];
            readFully(ByteBuffer.wrap(reply));
            return reply;
        }

        private void readFully(ByteBuffer into) throws IOException {
            while (into.hasRemaining()) {
                if (channel.read(into) < 0) {
                    throw new IOException("ssh-agent closed the connection in the middle of a reply");
                }
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
    }
}
