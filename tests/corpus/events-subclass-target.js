// worker: a class extending EventTarget works as an emitter
class Emitter extends EventTarget {
  emit(type, detail) { return this.dispatchEvent(new CustomEvent(type, { detail, cancelable: true })); }
}
const em = new Emitter();
em.addEventListener('data', (e) => console.log('data', e.detail, e.target === em));
em.addEventListener('data', (e) => { if (e.detail > 1) e.preventDefault(); });
console.log(em.emit('data', 1), em.emit('data', 2), em instanceof EventTarget);
