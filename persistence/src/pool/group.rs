//! Group commit for SQLite: writers that queue up while another group is being written share
//! the next transaction, each in its own savepoint, so one `COMMIT` (one WAL sync under
//! `synchronous = FULL`) makes several of them durable at once.
//!
//! Each unit keeps its all-or-nothing semantics: a unit that fails is rolled back to its
//! savepoint and answers its own error; the others go on. Nobody hears of a success before the
//! shared `COMMIT` returned. If the shared transaction itself fails, or a unit hits a retryable
//! conflict, that unit runs again alone through the ordinary retried path ([`Db::write`]).
//!
//! One waiting writer at a time leads: it takes the queue (at most [`MAX_GROUP`] units), runs
//! it under the writer turn, hands out the answers and wakes everybody at once; it goes on
//! with whatever queued meanwhile for a few rounds while it is on the CPU anyway. Followers
//! hold no connection and no writer turn while they wait.

use super::Db;
use crate::error::TxError;
use crate::{DbConnection, StoreError};
use diesel::Connection;
use std::any::Any;
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// Units per shared transaction at most.
const MAX_GROUP: usize = 64;
/// Groups one leader writes before it hands the lead over (its own answer is ready by then).
const MAX_ROUNDS: usize = 8;

type Value = Box<dyn Any + Send>;
type Work = Box<dyn FnMut(&mut DbConnection) -> Result<Value, Failed> + Send>;

/// A unit's error, its type erased like its value: a storage failure the group understands, or
/// the caller's own error (a refusal), handed back untouched.
enum Failed {
    Store(StoreError),
    Own(Box<dyn Any + Send>),
}

impl From<diesel::result::Error> for Failed {
    fn from(e: diesel::result::Error) -> Self {
        Failed::Store(e.into())
    }
}

impl Failed {
    fn of<E: TxError>(e: E) -> Self {
        // A retryable conflict makes the unit run again alone; nothing of `e` is needed then.
        match e.store() {
            Some(StoreError::Retryable) => Failed::Store(StoreError::Retryable),
            _ => Failed::Own(Box::new(e)),
        }
    }

    fn into_own<E: TxError>(self) -> E {
        match self {
            Failed::Store(s) => E::from(s),
            Failed::Own(b) => *b
                .downcast::<E>()
                .unwrap_or_else(|_| unreachable!("own error type")),
        }
    }
}

struct Unit {
    work: Work,
    slot: Arc<Mutex<State>>,
}

#[derive(Default)]
enum State {
    #[default]
    Queued,
    /// A leader is writing it.
    Taken,
    Done(Result<Value, Failed>),
    /// Not written by a group: run it alone.
    Alone,
}

#[derive(Default)]
struct Waiting {
    units: VecDeque<Unit>,
    leading: bool,
}

/// Units waiting for the next group, and the signal that answers are out.
#[derive(Default)]
pub(super) struct Queue {
    waiting: Mutex<Waiting>,
    answered: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// What a waiting writer learns from its slot.
enum Next<T, E> {
    Answer(Result<T, E>),
    Alone,
    Wait,
}

fn next<T: 'static, E: TxError>(slot: &Mutex<State>, leading: bool) -> Next<T, E> {
    let mut s = lock(slot);
    match &*s {
        State::Queued => Next::Wait,
        // Its leader is gone (it panicked): nobody will answer.
        State::Taken if !leading => Next::Alone,
        State::Taken => Next::Wait,
        State::Alone | State::Done(Err(Failed::Store(StoreError::Retryable))) => Next::Alone,
        State::Done(_) => match std::mem::take(&mut *s) {
            State::Done(r) => Next::Answer(
                r.map(|v| {
                    *v.downcast::<T>()
                        .unwrap_or_else(|_| unreachable!("own type"))
                })
                .map_err(Failed::into_own),
            ),
            _ => Next::Alone,
        },
    }
}

/// Hands the lead back and wakes the waiters, also if the leader panics.
struct Leading<'a>(&'a Queue);

impl Drop for Leading<'_> {
    fn drop(&mut self) {
        lock(&self.0.waiting).leading = false;
        self.0.answered.notify_all();
    }
}

impl Db {
    /// Like [`Db::write`], but on SQLite the transaction may be shared with other writers
    /// waiting at the same moment (group commit). As with [`Db::write`], `f` may run more
    /// than once and must not have effects outside the database.
    pub fn write_shared<T: Send + 'static, E: TxError>(
        &self,
        f: impl Fn(&mut DbConnection) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E> {
        if self.backend != crate::Backend::Sqlite || !self.group_commit {
            return self.write(f);
        }
        // Shared with the leader that runs it; the mutex only makes `f` shareable.
        let f = Arc::new(Mutex::new(f));
        let g = f.clone();
        let slot = Arc::new(Mutex::new(State::Queued));
        let alone = move || self.write(move |c| (*lock(&f))(c));
        let q = &*self.queue;
        {
            let mut w = lock(&q.waiting);
            w.units.push_back(Unit {
                work: Box::new(move |c| {
                    (*lock(&g))(c)
                        .map(|v| Box::new(v) as Value)
                        .map_err(Failed::of)
                }),
                slot: slot.clone(),
            });
            loop {
                match next::<T, E>(&slot, w.leading) {
                    Next::Answer(r) => return r,
                    Next::Alone => {
                        drop(w);
                        return alone();
                    }
                    Next::Wait if !w.leading => {
                        w.leading = true;
                        break;
                    }
                    Next::Wait => w = q.answered.wait(w).unwrap_or_else(|p| p.into_inner()),
                }
            }
        }
        let lead = Leading(q);
        self.lead(&slot);
        drop(lead);
        match next::<T, E>(&slot, false) {
            Next::Answer(r) => r,
            Next::Alone | Next::Wait => alone(),
        }
    }

    /// Writes queued groups until our own unit is answered and the queue is empty (or a few
    /// rounds have passed).
    fn lead(&self, own: &Mutex<State>) {
        let q = &*self.queue;
        let mut conn = self.pool.get().ok();
        for round in 0.. {
            let mut group: Vec<Unit> = {
                let mut w = lock(&q.waiting);
                let own_queued = matches!(*lock(own), State::Queued);
                if w.units.is_empty() || (!own_queued && round >= MAX_ROUNDS) {
                    return;
                }
                let n = w.units.len().min(MAX_GROUP);
                w.units.drain(..n).collect()
            };
            for u in &group {
                *lock(&u.slot) = State::Taken;
            }
            let answers = match conn.as_mut() {
                Some(c) => {
                    let _turn = lock(&self.sqlite_writer);
                    run_group(c, group.iter_mut().map(|u| &mut u.work))
                }
                // No connection for the group: everyone tries alone (and hears Busy there).
                None => Err(Failed::Store(StoreError::Busy)),
            };
            {
                let _w = lock(&q.waiting);
                match answers {
                    Ok(answers) => {
                        for (u, a) in group.iter().zip(answers) {
                            *lock(&u.slot) = State::Done(a);
                        }
                    }
                    Err(_) => {
                        for u in &group {
                            *lock(&u.slot) = State::Alone;
                        }
                    }
                }
            }
            q.answered.notify_all();
        }
    }
}

/// One transaction over the group, a savepoint per unit; the answers count only if this
/// returns `Ok` (the commit succeeded).
fn run_group<'a>(
    conn: &mut DbConnection,
    group: impl Iterator<Item = &'a mut Work>,
) -> Result<Vec<Result<Value, Failed>>, Failed> {
    conn.transaction::<_, Failed, _>(|c| {
        Ok(group
            .map(|work| c.transaction::<_, Failed, _>(|c| work(c)))
            .collect())
    })
}
