// worker: setPriority inside prioritychange throws NotAllowedError; a bad priority is a TypeError
const c = new TaskController();
c.signal.onprioritychange = () => {
  try { c.setPriority('background'); } catch (e) { console.log('nested:', e.name, e.message); }
};
c.setPriority('user-blocking');
console.log(c.signal.priority);
try { c.setPriority('urgent'); } catch (e) { console.log(e.name + ': ' + e.message); }
try { new TaskController({ priority: 'urgent' }); } catch (e) { console.log(e.name + ': ' + e.message); }
try { scheduler.postTask(() => {}, { priority: 'urgent' }); } catch (e) { console.log(e.name + ': ' + e.message); }
try { scheduler.postTask('not a function'); } catch (e) { console.log(e.name + ': ' + e.message); }
