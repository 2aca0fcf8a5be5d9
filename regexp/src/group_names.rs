//! The early error for duplicate group names
//! (<https://tc39.es/ecma262/#sec-patterns-static-semantics-early-errors>,
//! `MightBothParticipate`): two groups may share a name only if some
//! disjunction holds them in different alternatives.
//!
//! Every alternative is a node of a tree whose parent is the alternative
//! holding its disjunction. Two groups are separated exactly when the
//! innermost disjunction containing both has them in different
//! alternatives. If some pair of same-named groups is not separated, then
//! some pair that is adjacent in source order is not separated either, so
//! only adjacent pairs are compared; each walk up the tree is bounded by
//! the `|`/`(`/`)` between the two groups, which keeps the check linear.

struct Node {
    parent: Option<usize>,
    disjunction: usize,
    depth: usize,
}

/// The alternatives of a pattern, as a tree.
#[derive(Default)]
pub(crate) struct AlternativeTree {
    nodes: Vec<Node>,
}

impl AlternativeTree {
    /// Adds an alternative of `disjunction`, which sits in the alternative
    /// `parent` (`None` for the pattern's top-level disjunction).
    pub(crate) fn add(&mut self, parent: Option<usize>, disjunction: usize) -> usize {
        let depth = parent
            .and_then(|p| self.nodes.get(p))
            .map_or(0, |p| p.depth + 1);
        self.nodes.push(Node {
            parent,
            disjunction,
            depth,
        });
        self.nodes.len() - 1
    }

    fn up(&self, node: usize) -> Option<(usize, usize, Option<usize>)> {
        self.nodes
            .get(node)
            .map(|n| (n.depth, n.disjunction, n.parent))
    }

    /// <https://tc39.es/ecma262/#sec-mightbothparticipate> for groups that
    /// sit directly in the alternatives `a` and `b`.
    pub(crate) fn might_both_participate(&self, mut a: usize, mut b: usize) -> bool {
        loop {
            if a == b {
                return true;
            }
            let (Some((depth_a, disj_a, parent_a)), Some((depth_b, disj_b, parent_b))) =
                (self.up(a), self.up(b))
            else {
                return true;
            };
            if depth_a == depth_b && disj_a == disj_b {
                return false;
            }
            // Climb the deeper side (both when level) toward the common
            // ancestor.
            let (next_a, next_b) = if depth_a > depth_b {
                (parent_a, Some(b))
            } else if depth_b > depth_a {
                (Some(a), parent_b)
            } else {
                (parent_a, parent_b)
            };
            match (next_a, next_b) {
                (Some(x), Some(y)) => {
                    a = x;
                    b = y;
                }
                _ => return true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_only_different_alternatives() {
        // (?<a>x)|((?<a>y)|(?<a>z))(?<a>w)
        let mut tree = AlternativeTree::default();
        let top0 = tree.add(None, 0);
        let top1 = tree.add(None, 0);
        let inner0 = tree.add(Some(top1), 1);
        let inner1 = tree.add(Some(top1), 1);
        assert!(!tree.might_both_participate(top0, top1));
        assert!(!tree.might_both_participate(top0, inner0));
        assert!(!tree.might_both_participate(inner0, inner1));
        assert!(tree.might_both_participate(inner1, top1));
        assert!(tree.might_both_participate(top1, inner0));
        assert!(tree.might_both_participate(inner0, inner0));
    }
}
