package io.switchboard.voice.media;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.voice.config.VoiceConfig;

/** Opens media legs on even ports of the configured range (RTP on even ports, as RFC 3550 recommends). */
@ApplicationScoped
public class MediaPorts {

    private final InetAddress host;
    private final int min;
    private final int max;
    private int next;

    public MediaPorts(VoiceConfig config) throws UnknownHostException {
        this.host = InetAddress.getByName(config.media().host());
        this.min = config.media().portMin() + (config.media().portMin() % 2);
        this.max = config.media().portMax();
        this.next = min;
    }

    public String host() {
        return host.getHostAddress();
    }

    /** A started leg on the next free even port; fails when the whole range is in use. */
    public synchronized MediaLeg open(String name) throws SocketException {
        int span = (max - min) / 2 + 1;
        for (int tried = 0; tried < span; tried++) {
            int port = next;
            next = next + 2 > max ? min : next + 2;
            try {
                DatagramSocket socket = new DatagramSocket(null);
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(host, port));
                MediaLeg leg = new MediaLeg(socket, name);
                leg.start();
                return leg;
            } catch (SocketException taken) {
                // in use: try the next one
            }
        }
        throw new SocketException("no free media port in " + min + "-" + max);
    }
}
