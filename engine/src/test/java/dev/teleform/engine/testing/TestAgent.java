package dev.teleform.engine.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.apache.sshd.agent.common.AbstractAgentClient;
import org.apache.sshd.agent.local.AgentImpl;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * An ssh-agent in this JVM, listening on a Unix socket as {@code ssh-agent -a SOCKET} does: Apache MINA sshd's
 * implementation of the agent protocol, holding the keys it is given. Tests need no {@code ssh-agent} binary.
 */
public final class TestAgent implements AutoCloseable {

    private final Path socket;
    private final ServerSocketChannel server;
    private final AgentImpl keys = new AgentImpl();

    private TestAgent(Path socket, ServerSocketChannel server) {
        this.socket = socket;
        this.server = server;
    }

    /** An agent listening at {@code socket}, which must not exist yet. */
    public static TestAgent start(Path socket) throws IOException {
        Files.createDirectories(socket.getParent());
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        TestAgent agent = new TestAgent(socket, server);
        Thread.ofVirtual().name("test-agent").start(agent::serve);
        return agent;
    }

    /** What {@code ssh-add} does. */
    public void add(KeyPair key) throws IOException {
        keys.addIdentity(key, "teleform-test");
    }

    /** Its socket, as SSH_AUTH_SOCK names it. */
    public Path socket() {
        return socket;
    }

    private void serve() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("test-agent-client").start(() -> talk(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void talk(SocketChannel client) {
        AbstractAgentClient protocol = new AbstractAgentClient(keys) {
            @Override
            protected void reply(Buffer buffer) throws IOException {
                ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
                while (out.hasRemaining()) {
                    client.write(out);
                }
            }
        };
        try (client) {
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            while (client.read(in) >= 0) {
                in.flip();
                byte[] read = new byte[in.remaining()];
                in.get(read);
                in.clear();
                protocol.messageReceived(new ByteArrayBuffer(read));
            }
        } catch (IOException gone) {
            // the client hung up
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
