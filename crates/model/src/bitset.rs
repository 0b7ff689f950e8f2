//! A fixed-size set of small numbers (post numbers), a bit each: what the archive
//! explorer and the text search intersect.

/// A fixed-size set of post numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitSet {
    bits: Vec<u64>,
    len: usize,
}

impl BitSet {
    pub fn new(len: usize) -> Self {
        BitSet { bits: vec![0; len.div_ceil(64)], len }
    }
    pub fn full(len: usize) -> Self {
        let mut set = BitSet { bits: vec![u64::MAX; len.div_ceil(64)], len };
        if let (Some(last), r) = (set.bits.last_mut(), len % 64) {
            if r != 0 {
                *last = (1u64 << r) - 1;
            }
        }
        set
    }
    /// Numbers beyond the set's size are ignored.
    pub fn insert(&mut self, n: usize) {
        if n < self.len {
            if let Some(word) = self.bits.get_mut(n / 64) {
                *word |= 1 << (n % 64);
            }
        }
    }
    pub fn contains(&self, n: usize) -> bool {
        self.bits.get(n / 64).is_some_and(|w| w & (1 << (n % 64)) != 0)
    }
    pub fn intersect(&mut self, other: &BitSet) {
        for (i, word) in self.bits.iter_mut().enumerate() {
            *word &= other.bits.get(i).copied().unwrap_or(0);
        }
    }
    pub fn count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }
    /// The members in order, a word of 64 at a time.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.bits.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                Some(i * 64 + bit)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitsets() {
        let mut a = BitSet::new(130);
        a.insert(0);
        a.insert(129);
        a.insert(500);
        assert_eq!(a.iter().collect::<Vec<_>>(), [0, 129]);
        let full = BitSet::full(130);
        assert_eq!(full.count(), 130);
        let mut b = full.clone();
        b.intersect(&a);
        assert_eq!(b, a);
    }
}
