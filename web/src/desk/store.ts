// The desk's IndexedDB database: one place that opens it with every object store the desk keeps
// (kept keys, the outbox of signed submissions, what was delivered, the sequence numbers used),
// and promise wrappers for one transaction's request.
const name = 'saylau-desk';
const version = 1;
export type StoreName = 'keys' | 'outbox' | 'sent' | 'seq';

let opened: Promise<IDBDatabase> | null = null;

export function openDesk(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('keys', { keyPath: 'publicKey' });
      db.createObjectStore('outbox', { keyPath: 'order', autoIncrement: true });
      db.createObjectStore('sent', { keyPath: 'order', autoIncrement: true });
      db.createObjectStore('seq', { keyPath: 'publicKey' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opened = null;
      reject(request.error ?? new Error('IndexedDB could not be opened'));
    };
  });
  return opened;
}

// Runs `work` in one transaction over `stores`; resolves with the result of the request that
// `work` returns once the transaction has committed (so a value is durable when it resolves).
export async function inTransaction<T>(stores: StoreName[], mode: IDBTransactionMode,
                                       work: (tx: IDBTransaction) => IDBRequest<T> | void): Promise<T> {
  const db = await openDesk();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    const request = work(tx);
    tx.oncomplete = () => resolve(request ? request.result : (undefined as T));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}
