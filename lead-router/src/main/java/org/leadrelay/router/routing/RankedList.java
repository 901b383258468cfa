package org.leadrelay.router.routing;

import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * A decision's eligible partners, best first, each {@link Ranked} made when first read: the router
 * reads the first few (the chosen partner and its fallbacks) of what may be a thousand. Its content
 * never changes; two threads reading one entry at once may each make it, equal.
 */
final class RankedList extends AbstractList<Ranked> implements RandomAccess {

    private final BestFirst order;
    private final IntFunction<Ranked> rank;
    private final Ranked[] made;

    /**
     * @param order the positions of the eligible partners, best first
     * @param rank  the ranked partner at a position
     */
    RankedList(BestFirst order, IntFunction<Ranked> rank) {
        this.order = order;
        this.rank = rank;
        this.made = new Ranked[order.size()];
    }

    @Override
    public Ranked get(int index) {
        Ranked ranked = made[index];
        if (ranked == null) {
            ranked = rank.apply(order.at(index));
            made[index] = ranked;
        }
        return ranked;
    }

    @Override
    public int size() {
        return order.size();
    }
}
