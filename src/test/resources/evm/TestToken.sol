// SPDX-License-Identifier: MIT
// A minimal ERC-20 for tests: the deployer receives the whole supply and hands it out with transfer().
// Compiled ahead with solc-js 0.8.37 (npm "solc"), optimizer on, 200 runs; the creation bytecode is TestToken.bin.
pragma solidity 0.8.37;

contract TestToken {
    string public constant name = "Test Token";
    string public constant symbol = "TST";
    uint8 public constant decimals = 6;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;

    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor(uint256 supply) {
        totalSupply = supply;
        balanceOf[msg.sender] = supply;
        emit Transfer(address(0), msg.sender, supply);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        require(balanceOf[msg.sender] >= value, "balance too low");
        balanceOf[msg.sender] -= value;
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }
}
