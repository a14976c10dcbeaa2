// worker: posted data is a structured clone, not the same object
const ch = new MessageChannel();
const data = { list: [1, 2, 3], when: new Date(0), map: new Map([['k', 'v']]) };
data.me = data;
ch.port1.onmessage = (e) => {
  const d = e.data;
  console.log(d !== data, d.me === d, d.list.join(), d.when.getTime(), d.map.get('k'));
};
ch.port2.postMessage(data);
data.list.push(4);
