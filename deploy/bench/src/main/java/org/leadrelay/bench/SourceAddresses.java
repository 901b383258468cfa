package org.leadrelay.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * lead-intake limits the leads per client address (request.getRemoteAddr()), as it should for a
 * website's visitors. The bench spreads its posts over 127.0.0.2 to 127.0.0.250, round robin, as
 * many clients would: on Linux the whole 127.0.0.0/8 is loopback, so each is a distinct client.
 */
final class SourceAddresses {

    static final int FIRST = 2;
    static final int LAST = 250;
    private static final InetAddress[] ADDRESSES = new InetAddress[LAST - FIRST + 1];

    static {
        for (int i = 0; i < ADDRESSES.length; i++) {
            try {
                ADDRESSES[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (FIRST + i)});
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private SourceAddresses() {
    }

    static InetAddress of(long lead) {
        return ADDRESSES[(int) Math.floorMod(lead, (long) ADDRESSES.length)];
    }

    static int count() {
        return ADDRESSES.length;
    }
}
