# modes: text json
maxvcpus
maxvcpus --type test
maxvcpus kvm
maxvcpus --type
